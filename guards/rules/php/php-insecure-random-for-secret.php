<?php
class AuthService
{
    public function startReset(PDO $pdo, int $userId)
    {
        // ruleid: php-insecure-random-for-secret
        $token = md5(uniqid(mt_rand(), true));

        // ruleid: php-insecure-random-for-secret
        $_SESSION['csrf_token'] = sha1(microtime() . rand());

        // ruleid: php-insecure-random-for-secret
        $this->apiKey = substr(str_shuffle('abcdefghijklmnopqrstuvwxyz0123456789'), 0, 32);

        // ruleid: php-insecure-random-for-secret
        $otp = mt_rand(100000, 999999);

        $row = [
            'user_id' => $userId,
            // ruleid: php-insecure-random-for-secret
            'verification_code' => md5(time()),
        ];

        return [$token, $otp, $row];
    }

    // ruleid: php-insecure-random-for-secret
    public function generatePassword(int $length = 12): string
    {
        $chars = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
        $password = '';
        for ($i = 0; $i < $length; $i++) {
            $password .= $chars[rand(0, strlen($chars) - 1)];
        }
        return $password;
    }

    public function startResetSafely(PDO $pdo, int $userId)
    {
        // ok: php-insecure-random-for-secret
        $token = bin2hex(random_bytes(32));

        // ok: php-insecure-random-for-secret
        $otp = random_int(100000, 999999);

        // ok: php-insecure-random-for-secret
        $token_expires = time() + 3600;

        // ok: php-insecure-random-for-secret
        $delay = mt_rand(100, 500);

        // ok: php-insecure-random-for-secret
        $filename = uniqid('upload_', true) . '.jpg';

        // ok: php-insecure-random-for-secret
        $tokenLength = mt_rand(16, 32);

        return [$token, $otp, $token_expires, $delay, $filename, $tokenLength];
    }

    // ok: php-insecure-random-for-secret
    public function verifyOtp(string $code): bool
    {
        usleep(mt_rand(100, 300) * 1000);
        return hash_equals((string) ($_SESSION['otp'] ?? ''), $code);
    }
}
