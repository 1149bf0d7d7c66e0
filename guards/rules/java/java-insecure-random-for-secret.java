package com.example.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.lang3.RandomStringUtils;

public class TokenService {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom SECURE = new SecureRandom();
    // ruleid: java-insecure-random-for-secret
    private final Random rng = new Random();

    public String generateApiKey() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    public void issue(User user) {
        // ruleid: java-insecure-random-for-secret
        String resetToken = Long.toHexString(new Random().nextLong());
        // ruleid: java-insecure-random-for-secret
        int otp = ThreadLocalRandom.current().nextInt(100000, 1000000);
        // ruleid: java-insecure-random-for-secret
        user.setPassword(RandomStringUtils.randomAlphanumeric(12));
        user.notify(resetToken, otp);
    }

    public void session(User user) {
        // ruleid: java-insecure-random-for-secret
        user.sessionId = String.valueOf(Math.random()).substring(2);
    }

    // ruleid: java-insecure-random-for-secret
    public String createVerificationCode() {
        Random random = new Random(System.currentTimeMillis());
        return String.format("%06d", random.nextInt(1_000_000));
    }

    public String newToken() {
        byte[] bytes = new byte[32];
        SECURE.nextBytes(bytes);
        // ok: java-insecure-random-for-secret
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return token;
    }

    public void shuffle(List<String> cards) {
        // ok: java-insecure-random-for-secret
        int delayMillis = new Random().nextInt(500);
        // ok: java-insecure-random-for-secret
        int tokenLength = ThreadLocalRandom.current().nextInt(16, 32);
        // ok: java-insecure-random-for-secret
        double jitter = Math.random();
        System.out.println(delayMillis + tokenLength + jitter + cards.size());
    }

    // ok: java-insecure-random-for-secret
    public String generatePassword() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(SECURE.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    public static class User {
        public String sessionId;

        public void setPassword(String password) {
        }

        public void notify(String token, int code) {
        }
    }
}
