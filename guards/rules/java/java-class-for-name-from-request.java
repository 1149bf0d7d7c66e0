package com.example.web;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PluginController extends HttpServlet {
    private static final Map<String, Supplier<Exporter>> EXPORTERS = Map.of("csv", CsvExporter::new);

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getParameter("handler");
        try {
            // ruleid: java-class-for-name-from-request
            Class<?> clazz = Class.forName(type);
            Exporter exporter = (Exporter) clazz.getDeclaredConstructor().newInstance();
            exporter.export(resp.getWriter());
        } catch (ReflectiveOperationException e) {
            resp.sendError(400);
        }
    }

    @PostMapping("/run")
    public String run(@RequestParam String plugin) throws Exception {
        // ruleid: java-class-for-name-from-request
        Object task = Class.forName("com.example.plugins." + plugin).getDeclaredConstructor().newInstance();
        return task.toString();
    }

    @PostMapping("/load")
    public String load(@RequestParam("cls") String cls) throws Exception {
        // ruleid: java-class-for-name-from-request
        return getClass().getClassLoader().loadClass(cls).getSimpleName();
    }

    @PostMapping("/export")
    public String export(@RequestParam String format) throws Exception {
        Supplier<Exporter> factory = EXPORTERS.get(format);
        // ok: java-class-for-name-from-request
        return factory == null ? "unknown" : factory.get().toString();
    }

    public Object driver(String configuredDriver) throws Exception {
        // ok: java-class-for-name-from-request
        return Class.forName(configuredDriver).getDeclaredConstructor().newInstance();
    }

    @PostMapping("/jdbc")
    public String jdbc(@RequestParam String table) throws Exception {
        // ok: java-class-for-name-from-request
        Class.forName("org.postgresql.Driver");
        return table;
    }

    interface Exporter {
        void export(java.io.Writer out) throws IOException;
    }

    static class CsvExporter implements Exporter {
        public void export(java.io.Writer out) throws IOException {
            out.write("a,b\n");
        }
    }
}
