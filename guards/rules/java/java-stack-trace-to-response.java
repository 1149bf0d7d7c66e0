package com.example.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;

public class ReportServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(ReportServlet.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        try {
            out.println(render(request));
        } catch (Exception e) {
            response.setStatus(500);
            // ruleid: java-stack-trace-to-response
            e.printStackTrace(out);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            render(request);
        } catch (Exception e) {
            // ruleid: java-stack-trace-to-response
            e.printStackTrace(response.getWriter());
            // ruleid: java-stack-trace-to-response
            response.getWriter().println(Arrays.toString(e.getStackTrace()));
        }
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> handle(Exception e) {
        // ruleid: java-stack-trace-to-response
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ExceptionUtils.getStackTrace(e));
    }

    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            render(request);
        } catch (Exception e) {
            // ok: java-stack-trace-to-response
            log.error("render failed", e);
            // ok: java-stack-trace-to-response
            e.printStackTrace();
            // ok: java-stack-trace-to-response
            response.sendError(500, "Internal error");
        }
    }

    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<String> conflict(IllegalStateException e) {
        // ok: java-stack-trace-to-response
        return ResponseEntity.status(HttpStatus.CONFLICT).body("conflict");
    }

    private String render(HttpServletRequest request) {
        return "<p>report</p>";
    }
}
