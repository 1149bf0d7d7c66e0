package com.example.web;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class FileController extends HttpServlet {
    private static final String BASE_DIR = "/srv/app/files";

    @Value("${upload.dir}")
    private String uploadDir;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("file");
        // ruleid: java-path-from-request
        File file = new File(BASE_DIR, name);
        // ruleid: java-path-from-request
        try (InputStream in = new FileInputStream(file)) {
            in.transferTo(response.getOutputStream());
        }
    }

    @GetMapping("/download/{name}")
    public ResponseEntity<byte[]> download(@PathVariable String name) throws IOException {
        // ruleid: java-path-from-request
        Path path = Paths.get(BASE_DIR + "/" + name);
        return ResponseEntity.ok(Files.readAllBytes(path));
    }

    @PostMapping("/upload")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        // ok: java-path-from-request
        Path root = Paths.get(uploadDir);
        // ruleid: java-path-from-request
        Path target = root.resolve(file.getOriginalFilename());
        file.transferTo(target);
        return "stored";
    }

    @GetMapping("/logs")
    public String log(@RequestParam String day) throws IOException {
        try {
            // ruleid: java-path-from-request
            return Files.readString(Path.of("/var/log/app", day + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // ruleid: java-path-from-request
        try (InputStream in = new FileInputStream("/data/" + req.getParameter("path"))) {
            in.transferTo(resp.getOutputStream());
        }
    }

    @GetMapping("/safe")
    public ResponseEntity<byte[]> safeDownload(@RequestParam String name) throws IOException {
        Path base = Paths.get(BASE_DIR).toRealPath();
        // ok: java-path-from-request
        Path target = base.resolve(name).normalize();
        if (!target.startsWith(base)) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(Files.readAllBytes(target));
    }

    @GetMapping("/report")
    public ResponseEntity<byte[]> report(@RequestParam String month) throws IOException {
        // ok: java-path-from-request
        File file = new File(BASE_DIR, "monthly-report.pdf");
        return ResponseEntity.ok(Files.readAllBytes(file.toPath()));
    }

    public byte[] readConfig(String name) throws IOException {
        // ok: java-path-from-request
        return Files.readAllBytes(Paths.get("/etc/app", name));
    }

    @GetMapping("/avatar")
    public ResponseEntity<byte[]> avatar(@RequestParam String user) throws IOException {
        String clean = Paths.get(user).getFileName().toString();
        // ok: java-path-from-request
        return ResponseEntity.ok(Files.readAllBytes(Paths.get(BASE_DIR, clean)));
    }
}
