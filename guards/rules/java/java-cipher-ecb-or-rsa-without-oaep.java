package com.example.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class Envelope {
    public byte[] sealDefault(SecretKey key, byte[] data) throws GeneralSecurityException {
        // ruleid: java-cipher-ecb-or-rsa-without-oaep
        Cipher cipher = Cipher.getInstance("AES");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public byte[] sealEcb(SecretKey key, byte[] data) throws GeneralSecurityException {
        // ruleid: java-cipher-ecb-or-rsa-without-oaep
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public byte[] wrapKey(PublicKey pub, byte[] secret) throws GeneralSecurityException {
        // ruleid: java-cipher-ecb-or-rsa-without-oaep
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, pub);
        return rsa.doFinal(secret);
    }

    public Cipher plainRsa() throws GeneralSecurityException {
        // ruleid: java-cipher-ecb-or-rsa-without-oaep
        return Cipher.getInstance("RSA");
    }

    public byte[] wrapKeyOaep(PublicKey pub, byte[] secret) throws GeneralSecurityException {
        // ok: java-cipher-ecb-or-rsa-without-oaep
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, pub);
        return rsa.doFinal(secret);
    }

    public byte[] sealGcm(SecretKey key, byte[] iv, byte[] data) throws GeneralSecurityException {
        // ok: java-cipher-ecb-or-rsa-without-oaep
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        return cipher.doFinal(data);
    }

    public Cipher ctr() throws GeneralSecurityException {
        // ok: java-cipher-ecb-or-rsa-without-oaep
        return Cipher.getInstance("AES/CTR/NoPadding");
    }
}
