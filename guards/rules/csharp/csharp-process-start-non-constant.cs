using System.Diagnostics;

namespace Ops.Tools
{
    public class Runner
    {
        public string Ping(string host)
        {
            // ruleid: csharp-process-start-non-constant
            var process = Process.Start("cmd.exe", "/c ping -n 1 " + host);
            return process.StandardOutput.ReadToEnd();
        }

        public void Open(string program, string args)
        {
            // ruleid: csharp-process-start-non-constant
            Process.Start(program, args);
        }

        public void Archive(string folder)
        {
            var psi = new ProcessStartInfo
            {
                FileName = "/bin/bash",
                // ruleid: csharp-process-start-non-constant
                Arguments = $"-c \"tar czf /tmp/backup.tgz {folder}\"",
                UseShellExecute = false
            };
            Process.Start(psi);
        }

        public void Tool(string tool)
        {
            var psi = new ProcessStartInfo();
            // ruleid: csharp-process-start-non-constant
            psi.FileName = tool;
            Process.Start(psi);
        }

        public void Shell(string script)
        {
            // ruleid: csharp-process-start-non-constant
            Process.Start($"powershell -Command {script}");
        }

        public void Git(string branch)
        {
            // ok: csharp-process-start-non-constant
            var psi = new ProcessStartInfo("git") { UseShellExecute = false };
            psi.ArgumentList.Add("checkout");
            psi.ArgumentList.Add(branch);
            // ok: csharp-process-start-non-constant
            using var p = Process.Start(psi);
            p.WaitForExit();
        }

        public void Notepad()
        {
            // ok: csharp-process-start-non-constant
            Process.Start("notepad.exe", "readme.txt");
        }

        public void Fixed()
        {
            // ok: csharp-process-start-non-constant
            var psi = new ProcessStartInfo { FileName = "dotnet", Arguments = "--info" };
            Process.Start(psi);
        }
    }
}
