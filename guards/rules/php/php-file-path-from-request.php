<?php
function download(Request $request)
{
    // ruleid: php-file-path-from-request
    readfile('/var/www/downloads/' . $_GET['file']);

    // ruleid: php-file-path-from-request
    $html = file_get_contents($_POST['url']);

    // ruleid: php-file-path-from-request
    unlink(__DIR__ . "/uploads/{$_REQUEST['name']}");

    // ruleid: php-file-path-from-request
    file_put_contents("notes/" . $_POST['title'] . ".txt", $_POST['body']);

    // ruleid: php-file-path-from-request
    $fh = fopen($_GET['log'], 'r');

    // ruleid: php-file-path-from-request
    return Storage::download($request->input('path'));
}

function downloadSafely(Request $request, int $id)
{
    // ok: php-file-path-from-request
    readfile('/var/www/downloads/' . basename($_GET['file']));

    // ok: php-file-path-from-request
    $config = file_get_contents(__DIR__ . '/config.json');

    // ok: php-file-path-from-request
    $invoice = file_get_contents("invoices/" . (int)$_GET['id'] . ".pdf");

    // ok: php-file-path-from-request
    $fh = fopen('php://input', 'r');

    // ok: php-file-path-from-request
    $tmp = file_get_contents($_FILES['upload']['tmp_name']);

    // ok: php-file-path-from-request
    return Storage::download('reports/' . $id . '.pdf');
}
