<?php
function getClientIp()
{
    if (!empty($_SERVER['HTTP_CLIENT_IP'])) {
        // ruleid: php-client-ip-from-spoofable-header
        $ip = $_SERVER['HTTP_CLIENT_IP'];
    } elseif (!empty($_SERVER['HTTP_X_FORWARDED_FOR'])) {
        // ruleid: php-client-ip-from-spoofable-header
        $ip = explode(',', $_SERVER['HTTP_X_FORWARDED_FOR'])[0];
    } else {
        // ok: php-client-ip-from-spoofable-header
        $ip = $_SERVER['REMOTE_ADDR'];
    }
    return $ip;
}

function isInternal(Request $request)
{
    // ruleid: php-client-ip-from-spoofable-header
    if (in_array($_SERVER['HTTP_X_REAL_IP'] ?? '', ['127.0.0.1', '::1'], true)) {
        return true;
    }
    // ruleid: php-client-ip-from-spoofable-header
    return $request->header('X-Forwarded-For') === '10.0.0.5';
}

function clientIpSafely(Request $request)
{
    // ok: php-client-ip-from-spoofable-header
    $behindProxy = isset($_SERVER['HTTP_X_FORWARDED_FOR']);
    // ok: php-client-ip-from-spoofable-header
    $agent = $_SERVER['HTTP_USER_AGENT'] ?? '';
    // ok: php-client-ip-from-spoofable-header
    return $request->getClientIp();
}
