package com.example.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

public class Sealer {
    public byte[] cbc(SecretKey key, byte[] iv, byte[] data) throws GeneralSecurityException {
        // ruleid: java-cipher-mode-without-integrity
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }

    public byte[] ctr(SecretKey key, byte[] iv, byte[] data) throws GeneralSecurityException {
        Cipher cipher;
        try {
            // ruleid: java-cipher-mode-without-integrity
            cipher = Cipher.getInstance("AES/CTR/NoPadding", "BC");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }

    public byte[] gcm(SecretKey key, byte[] iv, byte[] data) throws GeneralSecurityException {
        // ok: java-cipher-mode-without-integrity
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(data);
    }

    public byte[] wrap(SecretKey kek, SecretKey key) throws GeneralSecurityException {
        // ok: java-cipher-mode-without-integrity
        Cipher cipher = Cipher.getInstance("AESWrap");
        cipher.init(Cipher.WRAP_MODE, kek);
        return cipher.wrap(key);
    }

    public byte[] legacyEcb(SecretKey key, byte[] data) throws GeneralSecurityException {
        // ok: java-cipher-mode-without-integrity
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public byte[] openThenVerify(SecretKey encKey, SecretKey macKey, byte[] iv, byte[] body, byte[] tag)
            throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(macKey);
        mac.update(iv);
        if (!MessageDigest.isEqual(mac.doFinal(body), tag)) {
            throw new GeneralSecurityException("bad tag");
        }
        // ok: java-cipher-mode-without-integrity
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, encKey, new IvParameterSpec(iv));
        return cipher.doFinal(body);
    }
}
