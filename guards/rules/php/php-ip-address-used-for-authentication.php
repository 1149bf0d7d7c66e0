<?php
// Debug front controller guarded only by the client's address.
if (isset($_SERVER['HTTP_CLIENT_IP'])
    // ruleid: php-ip-address-used-for-authentication
    || !in_array(@$_SERVER['REMOTE_ADDR'], array('127.0.0.1', 'fe80::1', '::1'))
) {
    header('HTTP/1.0 403 Forbidden');
    exit('You are not allowed to access this file.');
}

function isAdminRequest(Request $request): bool
{
    $ip = $_SERVER['REMOTE_ADDR'];
    // ruleid: php-ip-address-used-for-authentication
    if ($ip === '10.0.0.5') {
        return true;
    }
    // ruleid: php-ip-address-used-for-authentication
    if (strpos($_SERVER['REMOTE_ADDR'], '192.168.') === 0) {
        return true;
    }
    // ruleid: php-ip-address-used-for-authentication
    return in_array($request->getClientIp(), $this->allowedIps, true);
}

function isLocal(): bool
{
    // ruleid: php-ip-address-used-for-authentication
    return '127.0.0.1' == getenv('REMOTE_ADDR');
}

function logVisit(PDO $pdo): void
{
    // ok: php-ip-address-used-for-authentication
    $ip = $_SERVER['REMOTE_ADDR'];
    $stmt = $pdo->prepare('INSERT INTO visits (ip, at) VALUES (?, NOW())');
    // ok: php-ip-address-used-for-authentication
    $stmt->execute([$ip]);
    // ok: php-ip-address-used-for-authentication
    if ($ip === '0.0.0.0') {
        $ip = 'unknown';
    }
    // ok: php-ip-address-used-for-authentication
    if (in_array($ip, $bannedIps, true)) {
        exit;
    }
    // ok: php-ip-address-used-for-authentication
    if ($_SERVER['SERVER_ADDR'] === '127.0.0.1') {
        $env = 'local';
    }
    // ok: php-ip-address-used-for-authentication
    if (in_array($_GET['host'] ?? '', ['127.0.0.1', 'localhost'], true)) {
        exit('refusing to fetch an internal host');
    }
}
