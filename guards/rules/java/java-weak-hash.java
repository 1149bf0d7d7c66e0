package com.example.crypto;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.commons.codec.digest.DigestUtils;

public class Digests {
    public String md5(String input) throws NoSuchAlgorithmException {
        // ruleid: java-weak-hash
        MessageDigest md = MessageDigest.getInstance("MD5");
        return HexFormat.of().formatHex(md.digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    public byte[] sha1(byte[] data) throws NoSuchAlgorithmException {
        // ruleid: java-weak-hash
        return MessageDigest.getInstance("SHA-1").digest(data);
    }

    public String passwordHash(String password) {
        // ruleid: java-weak-hash
        return DigestUtils.md5Hex(password);
    }

    public String etag(byte[] body) {
        // ruleid: java-weak-hash
        return Hashing.sha1().hashBytes(body).toString();
    }

    public byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        // ok: java-weak-hash
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    public String sha512(String input) {
        // ok: java-weak-hash
        return DigestUtils.sha512Hex(input);
    }

    public String murmur(byte[] body) {
        // ok: java-weak-hash
        return Hashing.sha256().hashBytes(body).toString();
    }

    public MessageDigest configured(String algorithm) throws NoSuchAlgorithmException {
        // ok: java-weak-hash
        return MessageDigest.getInstance(algorithm);
    }

    public String legacyPassword(String password) {
        // ruleid: java-weak-hash
        return SecurityUtil.md5(password);
    }

    public String cacheKey(String props) {
        // ruleid: java-weak-hash
        return NameUtil.md5Hex(props);
    }

    public String modern(String input) {
        // ok: java-weak-hash
        return HashUtil.sha256Hex(input);
    }

    public String stored(FileInfo info) {
        // ok: java-weak-hash
        return info.md5();
    }
}
