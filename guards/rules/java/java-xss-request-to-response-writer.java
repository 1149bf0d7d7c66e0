package com.example.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

public class GreetingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        String query = request.getParameter("q");
        response.setContentType("text/html");
        PrintWriter out = response.getWriter();
        // ruleid: java-xss-request-to-response-writer
        out.println("<h1>Hello " + name + "</h1>");
        // ruleid: java-xss-request-to-response-writer
        out.printf("<p>You searched for %s</p>", query);
        // ruleid: java-xss-request-to-response-writer
        response.getWriter().write("<div>" + request.getParameter("msg") + "</div>");
        List<String> items = List.of("a", "b");
        // ok: java-xss-request-to-response-writer
        out.println("<p>Total: " + items.size() + "</p>");
        // ok: java-xss-request-to-response-writer
        out.println("<footer>static</footer>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String comment = request.getParameter("comment");
        PrintWriter writer = response.getWriter();
        if (comment != null) {
            // ruleid: java-xss-request-to-response-writer
            writer.print(comment);
        }
        int total = comment == null ? 0 : comment.length();
        // ok: java-xss-request-to-response-writer
        writer.print("<p>" + total + " characters received</p>");
    }
}

class EscapingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = Encode.forHtml(request.getParameter("name"));
        // ok: java-xss-request-to-response-writer
        response.getWriter().println("<h1>Hello " + name + "</h1>");
    }
}

class JsonServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        response.setContentType("application/json");
        // ok: java-xss-request-to-response-writer
        response.getWriter().write("{\"id\": \"" + id + "\"}");
    }
}
