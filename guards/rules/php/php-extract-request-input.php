<?php
function handleForm(Request $request, array $row, string $query)
{
    // ruleid: php-extract-request-input
    extract($_POST);

    // ruleid: php-extract-request-input
    extract($_GET, EXTR_OVERWRITE);

    // ruleid: php-extract-request-input
    extract($request->all());

    // ruleid: php-extract-request-input
    parse_str($_SERVER['QUERY_STRING']);

    // ruleid: php-extract-request-input
    foreach ($_REQUEST as $key => $value) {
        $$key = $value;
    }

    // ok: php-extract-request-input
    extract($row);

    // ok: php-extract-request-input
    extract($_POST, EXTR_SKIP);

    // ok: php-extract-request-input
    parse_str($query, $params);

    // ok: php-extract-request-input
    foreach ($_POST as $key => $value) {
        $clean[$key] = trim($value);
    }

    return $params;
}
