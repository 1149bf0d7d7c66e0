package com.example.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class PreviewController extends HttpServlet {
    private final RestTemplate restTemplate = new RestTemplate();
    private final HttpClient client = HttpClient.newHttpClient();

    @Value("${inventory.url}")
    private String inventoryUrl;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String target = req.getParameter("url");
        // ruleid: java-ssrf-url-from-request
        HttpURLConnection conn = (HttpURLConnection) new URL(target).openConnection();
        try (InputStream in = conn.getInputStream()) {
            in.transferTo(resp.getOutputStream());
        }
    }

    @GetMapping("/preview")
    public String preview(@RequestParam String url) {
        // ruleid: java-ssrf-url-from-request
        return restTemplate.getForObject(url, String.class);
    }

    @GetMapping("/ping")
    public int ping(@RequestParam("host") String host) throws Exception {
        HttpRequest request = HttpRequest.newBuilder()
            // ruleid: java-ssrf-url-from-request
            .uri(URI.create("http://" + host + "/health"))
            .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // ruleid: java-ssrf-url-from-request
        URL hook = new URL(req.getParameter("webhook"));
        hook.openStream().close();
    }

    @GetMapping("/items/{id}")
    public String item(@PathVariable String id) {
        // ok: java-ssrf-url-from-request
        return restTemplate.getForObject(inventoryUrl + "/items/" + id, String.class);
    }

    @GetMapping("/weather")
    public String weather(@RequestParam String city) {
        // ok: java-ssrf-url-from-request
        return restTemplate.getForObject("https://api.weather.example/v1?q=" + city, String.class);
    }

    @GetMapping("/status")
    public String status() {
        // ok: java-ssrf-url-from-request
        return restTemplate.getForObject(inventoryUrl + "/status", String.class);
    }

    @GetMapping("/fetch")
    public String fetchAllowed(@RequestParam String url) throws Exception {
        URI uri = URI.create(url);
        if (!"images.example.com".equals(uri.getHost())) {
            throw new IllegalArgumentException("host not allowed");
        }
        // ok: java-ssrf-url-from-request
        return restTemplate.getForObject(url, String.class);
    }

    public String download(String url) throws IOException {
        // ok: java-ssrf-url-from-request
        try (InputStream in = new URL(url).openStream()) {
            return new String(in.readAllBytes());
        }
    }
}
