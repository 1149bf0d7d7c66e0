package com.example.web;

import java.time.Duration;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;

public class SessionCookies {
    public void login(HttpServletResponse response, String token) {
        // ruleid: java-cookie-without-secure-httponly
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setPath("/");
        cookie.setMaxAge(3600);
        response.addCookie(cookie);
    }

    public void remember(HttpServletResponse response, String token) {
        // ruleid: java-cookie-without-secure-httponly
        Cookie cookie = new Cookie("remember_me", token);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }

    public void insecure(HttpServletResponse response, String token) {
        // ruleid: java-cookie-without-secure-httponly
        Cookie cookie = new Cookie("auth", token);
        cookie.setHttpOnly(true);
        // ruleid: java-cookie-without-secure-httponly
        cookie.setSecure(false);
        response.addCookie(cookie);
    }

    public ResponseEntity<Void> spring(String token) {
        // ruleid: java-cookie-without-secure-httponly
        ResponseCookie cookie = ResponseCookie.from("SESSION", token)
            .path("/")
            .maxAge(Duration.ofHours(1))
            .build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }

    public void secure(HttpServletResponse response, String token) {
        // ok: java-cookie-without-secure-httponly
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setPath("/");
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }

    public void logout(HttpServletResponse response) {
        // ok: java-cookie-without-secure-httponly
        Cookie cookie = new Cookie("SESSION", "");
        cookie.setMaxAge(0);
        response.addCookie(cookie);
    }

    public ResponseEntity<Void> springSecure(String token) {
        // ok: java-cookie-without-secure-httponly
        ResponseCookie cookie = ResponseCookie.from("SESSION", token)
            .httpOnly(true)
            .secure(true)
            .sameSite("Lax")
            .build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}
