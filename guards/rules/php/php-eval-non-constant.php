<?php
function calculate(array $input, string $template)
{
    $expr = $_GET['expr'];
    // ruleid: php-eval-non-constant
    $result = eval('return ' . $expr . ';');

    // ruleid: php-eval-non-constant
    eval("\$config = $template;");

    // ruleid: php-eval-non-constant
    $fn = create_function('$x', 'return $x * ' . $input['factor'] . ';');

    // ruleid: php-eval-non-constant
    assert("is_numeric($expr)");

    // ruleid: php-eval-non-constant
    assert($_GET['check']);

    // ruleid: php-eval-non-constant
    $html = preg_replace('/\{(\w+)\}/e', '$vars["\\1"]', $template);

    // ruleid: php-eval-non-constant
    $text = preg_replace("#\[b\](.*?)\[/b\]#ie", "'<b>'.strtoupper('\\1').'</b>'", $input['body']);

    return [$result, $fn, $html, $text];
}

function calculateSafely(array $input, string $template, array $vars)
{
    // ok: php-eval-non-constant
    eval('return 1 + 1;');

    // ok: php-eval-non-constant
    assert($input['factor'] > 0);

    // ok: php-eval-non-constant
    assert(is_array($vars), 'vars must be an array');

    // ok: php-eval-non-constant
    $clean = preg_replace('/\s+/', ' ', $template);

    // ok: php-eval-non-constant
    $slug = preg_replace('/[^a-z0-9]+/i', '-', strtolower($input['title']));

    // ok: php-eval-non-constant
    $html = preg_replace_callback('/\{(\w+)\}/', fn ($m) => htmlspecialchars($vars[$m[1]] ?? ''), $template);

    // ok: php-eval-non-constant
    $edited = preg_replace('/edit/', 'view', $template);

    return [$clean, $slug, $html, $edited];
}
