package com.example.web;

import java.io.IOException;
import java.net.URI;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

@Controller
public class LoginController extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        request.getSession().setAttribute("user", request.getParameter("user"));
        // ruleid: java-open-redirect
        response.sendRedirect(next);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java-open-redirect
        response.sendRedirect(request.getParameter("returnTo"));
    }

    @GetMapping("/login/done")
    public String done(@RequestParam("redirect") String redirect) {
        // ruleid: java-open-redirect
        return "redirect:" + redirect;
    }

    @GetMapping("/out")
    public RedirectView out(@RequestParam String target) {
        // ruleid: java-open-redirect
        return new RedirectView(target);
    }

    @GetMapping("/go")
    public ResponseEntity<Void> go(@RequestParam String url) {
        // ruleid: java-open-redirect
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url)).build();
    }

    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        // ok: java-open-redirect
        response.sendRedirect("/orders/view?id=" + id);
    }

    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ok: java-open-redirect
        response.sendRedirect(request.getContextPath() + "/login");
    }

    @PostMapping("/save")
    public String save(@RequestParam String name) {
        // ok: java-open-redirect
        return "redirect:/profile?name=" + name;
    }

    @GetMapping("/continue")
    public String continueTo(@RequestParam String next) {
        if (next.startsWith("/") && !next.startsWith("//")) {
            // ok: java-open-redirect
            return "redirect:" + next;
        }
        return "redirect:/home";
    }
}
