<?php
function verify(string $payload, string $secret, string $path)
{
    // ruleid: php-weak-hash-md5-sha1
    $signature = md5($payload . $secret);

    // ruleid: php-weak-hash-md5-sha1
    $checksum = sha1_file($path);

    // ruleid: php-weak-hash-md5-sha1
    $fingerprint = hash('sha1', $payload);

    // ruleid: php-weak-hash-md5-sha1
    $mac = hash_hmac('md5', $payload, $secret);

    // ruleid: php-weak-hash-md5-sha1
    $cacheKey = 'report_' . sha1(serialize($_GET));

    return [$signature, $checksum, $fingerprint, $mac, $cacheKey];
}

function verifySafely(string $payload, string $secret, string $path, array $user)
{
    // ok: php-weak-hash-md5-sha1
    $signature = hash_hmac('sha256', $payload, $secret);

    // ok: php-weak-hash-md5-sha1
    $checksum = hash_file('sha256', $path);

    // ok: php-weak-hash-md5-sha1
    $avatar = 'https://www.gravatar.com/avatar/' . md5(strtolower(trim($user['email'])));

    // ok: php-weak-hash-md5-sha1
    $digest = hash('sha3-256', $payload);

    // ok: php-weak-hash-md5-sha1
    $hash = password_hash($user['password'], PASSWORD_DEFAULT);

    // ok: php-weak-hash-md5-sha1
    $legacy = md5($_POST['new_password']);

    return [$signature, $checksum, $avatar, $digest, $hash];
}
