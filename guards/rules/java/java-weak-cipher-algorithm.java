package com.example.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.DESKeySpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class LegacyCrypto {
    public byte[] encrypt(byte[] key, byte[] data) throws GeneralSecurityException {
        // ruleid: java-weak-cipher-algorithm
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
        // ruleid: java-weak-cipher-algorithm
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DESede"), new IvParameterSpec(new byte[8]));
        return cipher.doFinal(data);
    }

    public SecretKey desKey(byte[] raw) throws GeneralSecurityException {
        // ruleid: java-weak-cipher-algorithm
        DESKeySpec spec = new DESKeySpec(raw);
        // ruleid: java-weak-cipher-algorithm
        return SecretKeyFactory.getInstance("DES").generateSecret(spec);
    }

    public byte[] stream(SecretKey key, byte[] data) throws GeneralSecurityException {
        // ruleid: java-weak-cipher-algorithm
        Cipher rc4 = Cipher.getInstance("RC4");
        rc4.init(Cipher.ENCRYPT_MODE, key);
        return rc4.doFinal(data);
    }

    public SecretKey blowfishKey() throws GeneralSecurityException {
        // ruleid: java-weak-cipher-algorithm
        return KeyGenerator.getInstance("Blowfish").generateKey();
    }

    public byte[] modern(SecretKey key, byte[] iv, byte[] data) throws GeneralSecurityException {
        // ok: java-weak-cipher-algorithm
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(data);
    }

    public SecretKey aesKey() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        // ok: java-weak-cipher-algorithm
        return generator.generateKey();
    }

    public SecretKeySpec wrap(byte[] raw) {
        // ok: java-weak-cipher-algorithm
        return new SecretKeySpec(raw, "AES");
    }

    public Cipher chacha() throws GeneralSecurityException {
        // ok: java-weak-cipher-algorithm
        return Cipher.getInstance("ChaCha20-Poly1305");
    }
}
