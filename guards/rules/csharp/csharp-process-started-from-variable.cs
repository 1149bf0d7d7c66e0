using System;
using System.Diagnostics;
using System.IO;

namespace Tools
{
    public class Launcher
    {
        private const string Editor = "notepad.exe";

        public void Open(string path)
        {
            // ruleid: csharp-process-started-from-variable
            Process.Start(path);
        }

        public void OpenLink(Uri link)
        {
            // ruleid: csharp-process-started-from-variable
            Process.Start(link.ToString());
        }

        public int Run(string tool, string args)
        {
            var proc = new Process();
            proc.StartInfo.UseShellExecute = false;
            // ruleid: csharp-process-started-from-variable
            proc.StartInfo.Arguments = args;
            proc.Start();
            proc.WaitForExit();
            return proc.ExitCode;
        }

        public void Edit()
        {
            // ok: csharp-process-started-from-variable
            Process.Start(Editor);
        }

        public void Version()
        {
            var psi = new ProcessStartInfo("git") { UseShellExecute = false };
            // ok: csharp-process-started-from-variable
            psi.Arguments = "--version";
            Process.Start(psi);
        }

        public void Browse(string folder)
        {
            var startInfo = new ProcessStartInfo("explorer.exe", folder);
            // ruleid: csharp-process-started-from-variable
            Process.Start(startInfo);
        }

        public void Build(string project)
        {
            var psi = new ProcessStartInfo
            {
                FileName = "dotnet",
                // ruleid: csharp-process-started-from-variable
                Arguments = "build " + project,
                UseShellExecute = false,
            };
            // ok: csharp-process-started-from-variable
            Process.Start(psi);
        }

        public void Status()
        {
            var info = new ProcessStartInfo("git", "status") { UseShellExecute = false };
            // ok: csharp-process-started-from-variable
            Process.Start(info);
        }

        public void Help()
        {
            // ok: csharp-process-started-from-variable
            Process.Start("https://example.com/help");
        }
    }
}
