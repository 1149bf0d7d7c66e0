<?php
class CartController
{
    public function load()
    {
        // ruleid: php-unserialize-untrusted
        $cart = unserialize(base64_decode($_COOKIE['cart']));

        // ruleid: php-unserialize-untrusted
        $prefs = unserialize($_POST['preferences']);

        $raw = file_get_contents('php://input');
        // ruleid: php-unserialize-untrusted
        $payload = unserialize($raw);

        // ruleid: php-unserialize-untrusted
        $session = unserialize($row['data'], ['allowed_classes' => true]);

        return [$cart, $prefs, $payload, $session];
    }

    public function loadSafely(string $cacheFile)
    {
        // ok: php-unserialize-untrusted
        $cart = json_decode(base64_decode($_COOKIE['cart'] ?? ''), true);

        // ok: php-unserialize-untrusted
        $prefs = unserialize($_POST['preferences'], ['allowed_classes' => false]);

        // ok: php-unserialize-untrusted
        $items = unserialize($row['items'], ['allowed_classes' => [CartItem::class]]);

        // ok: php-unserialize-untrusted
        $defaults = unserialize('a:1:{s:4:"lang";s:2:"en";}');

        // ok: php-unserialize-untrusted
        $blob = serialize($_POST);

        return [$cart, $prefs, $items, $defaults, $blob];
    }
}
