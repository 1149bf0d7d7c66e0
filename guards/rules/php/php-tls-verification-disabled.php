<?php
function callApi(string $url, array $payload)
{
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    // ruleid: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
    // ruleid: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);

    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => json_encode($payload),
        // ruleid: php-tls-verification-disabled
        CURLOPT_SSL_VERIFYPEER => FALSE,
    ]);

    // ruleid: php-tls-verification-disabled
    $client = new \GuzzleHttp\Client(['base_uri' => $url, 'verify' => false]);

    $context = stream_context_create([
        'ssl' => [
            // ruleid: php-tls-verification-disabled
            'verify_peer' => false,
            // ruleid: php-tls-verification-disabled
            'allow_self_signed' => true,
        ],
    ]);

    // ruleid: php-tls-verification-disabled
    $response = Http::withoutVerifying()->post($url, $payload);

    return [curl_exec($ch), $client, $context, $response];
}

function callApiSafely(string $url, array $payload)
{
    $ch = curl_init($url);
    // ok: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
    // ok: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);
    // ok: php-tls-verification-disabled
    curl_setopt($ch, CURLOPT_FOLLOWLOCATION, false);

    // ok: php-tls-verification-disabled
    $client = new \GuzzleHttp\Client(['base_uri' => $url, 'verify' => '/etc/ssl/certs/internal-ca.pem']);

    $context = stream_context_create([
        // ok: php-tls-verification-disabled
        'ssl' => ['verify_peer' => true, 'cafile' => '/etc/ssl/certs/internal-ca.pem'],
    ]);

    // ok: php-tls-verification-disabled
    $response = Http::withToken($payload['token'])->post($url, $payload);

    return [curl_exec($ch), $client, $context, $response];
}
