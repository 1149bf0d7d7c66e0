<?php
class CardVault
{
    // ruleid: php-weak-cipher
    const CIPHER = 'des-ede3-cbc';

    // ruleid: php-weak-cipher
    private $method = 'bf-cbc';

    public function seal(string $cardNumber, string $key)
    {
        // ruleid: php-weak-cipher
        $encrypted = openssl_encrypt($cardNumber, 'AES-256-ECB', $key);

        // ruleid: php-weak-cipher
        $legacy = openssl_decrypt($cardNumber, "rc4", $key, OPENSSL_RAW_DATA);

        // ruleid: php-weak-cipher
        $old = mcrypt_encrypt(MCRYPT_RIJNDAEL_128, $key, $cardNumber, MCRYPT_MODE_ECB);

        // ruleid: php-weak-cipher
        $cipher = 'aes-128-ecb';

        return [$encrypted, $legacy, $old, $cipher];
    }

    public function sealSafely(string $cardNumber, string $key)
    {
        $iv = random_bytes(12);
        // ok: php-weak-cipher
        $ciphertext = openssl_encrypt($cardNumber, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag);

        // ok: php-weak-cipher
        $cbc = openssl_encrypt($cardNumber, 'AES-256-CBC', $key, 0, random_bytes(16));

        // ok: php-weak-cipher
        $method = 'aes-256-gcm';

        // ok: php-weak-cipher
        $box = sodium_crypto_secretbox($cardNumber, random_bytes(SODIUM_CRYPTO_SECRETBOX_NONCEBYTES), $key);

        // ok: php-weak-cipher
        $ivLength = openssl_cipher_iv_length('aes-256-cbc');

        return [$ciphertext, $cbc, $method, $box, $ivLength];
    }
}
