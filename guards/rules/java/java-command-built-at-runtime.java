package com.example.ops;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

public class Tools {
    public Process ping(String host) throws IOException {
        // ruleid: java-command-built-at-runtime
        return Runtime.getRuntime().exec("ping -c 1 " + host);
    }

    public Process archive(String dir) throws IOException {
        // ruleid: java-command-built-at-runtime
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "tar czf /tmp/backup.tgz " + dir);
        return pb.start();
    }

    public Process run(String userCommand) throws IOException {
        // ruleid: java-command-built-at-runtime
        return new ProcessBuilder(userCommand.split(" ")).start();
    }

    public Process shell(String script) throws IOException {
        Runtime rt = Runtime.getRuntime();
        // ruleid: java-command-built-at-runtime
        return rt.exec(new String[] {"/bin/bash", "-c", script});
    }

    public Process windows(String name) throws IOException {
        // ruleid: java-command-built-at-runtime
        return new ProcessBuilder(Arrays.asList("cmd.exe", "/c", "type " + name)).start();
    }

    public Process tool(String program, String arg) throws IOException {
        ProcessBuilder builder = new ProcessBuilder();
        // ruleid: java-command-built-at-runtime
        builder.command(program, arg);
        return builder.start();
    }

    public Process safePing(String host) throws IOException {
        // ok: java-command-built-at-runtime
        return new ProcessBuilder("ping", "-c", "1", host).start();
    }

    public Process safeList(File dir) throws IOException {
        // ok: java-command-built-at-runtime
        return new ProcessBuilder(List.of("ls", "-la")).directory(dir).start();
    }

    public Process status() throws IOException {
        // ok: java-command-built-at-runtime
        return Runtime.getRuntime().exec("git status --porcelain");
    }

    public Process fixedShell() throws IOException {
        // ok: java-command-built-at-runtime
        return Runtime.getRuntime().exec(new String[] {"sh", "-c", "uptime"});
    }

    public Process convert(String input) throws IOException {
        // ok: java-command-built-at-runtime
        return new ProcessBuilder("convert", input, "out.png").inheritIO().start();
    }

    public void asRoot(String command) throws IOException, InterruptedException {
        Process process = Runtime.getRuntime().exec("su");
        java.io.DataOutputStream os = new java.io.DataOutputStream(process.getOutputStream());
        // ruleid: java-command-built-at-runtime
        os.writeBytes(command + "\n");
        // ok: java-command-built-at-runtime
        os.writeBytes("exit\n");
        os.flush();
        process.waitFor();
    }

    public void viaBuilder(String file) throws IOException {
        Process sh = new ProcessBuilder("/bin/sh").redirectErrorStream(true).start();
        java.io.PrintWriter in = new java.io.PrintWriter(sh.getOutputStream());
        // ruleid: java-command-built-at-runtime
        in.println("cat " + file);
        in.close();
    }

    public void feedTool(String data) throws IOException {
        Process sort = new ProcessBuilder("sort").start();
        java.io.PrintWriter in = new java.io.PrintWriter(sort.getOutputStream());
        // ok: java-command-built-at-runtime
        in.println(data);
        in.close();
    }
}
