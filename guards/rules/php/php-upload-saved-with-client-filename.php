<?php
function upload(Request $request)
{
    // ruleid: php-upload-saved-with-client-filename
    move_uploaded_file($_FILES['avatar']['tmp_name'], 'uploads/' . $_FILES['avatar']['name']);

    // ruleid: php-upload-saved-with-client-filename
    if (move_uploaded_file($_FILES["file"]["tmp_name"], __DIR__ . "/files/" . basename($_FILES["file"]["name"]))) {
        echo "The file has been uploaded.";
    }

    $file = $request->file('document');
    // ruleid: php-upload-saved-with-client-filename
    $path = $file->storeAs('public/documents', $file->getClientOriginalName());

    // ruleid: php-upload-saved-with-client-filename
    $file->move(public_path('uploads'), $file->getClientOriginalName());
}

function uploadSafely(Request $request)
{
    $name = bin2hex(random_bytes(16)) . '.jpg';
    // ok: php-upload-saved-with-client-filename
    move_uploaded_file($_FILES['avatar']['tmp_name'], '/srv/app/storage/avatars/' . $name);

    // ok: php-upload-saved-with-client-filename
    move_uploaded_file($_FILES['doc']['tmp_name'], 'uploads/' . uniqid('doc_', true) . '.pdf');

    $file = $request->file('document');
    // ok: php-upload-saved-with-client-filename
    $path = $file->storeAs('documents', Str::uuid() . '.' . $file->guessExtension());

    // ok: php-upload-saved-with-client-filename
    $path = $file->store('documents');

    // ok: php-upload-saved-with-client-filename
    $original = $file->getClientOriginalName();
}
