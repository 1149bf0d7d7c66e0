<?php
function contact()
{
    // ruleid: php-mail-header-injection
    $headers = "From: " . $_POST['email'] . "\r\n";
    // ruleid: php-mail-header-injection
    $headers .= "Reply-To: {$_POST['email']}\r\n";
    // ruleid: php-mail-header-injection
    mail('support@example.com', $_POST['subject'], $_POST['message'], $headers);

    // ruleid: php-mail-header-injection
    mail('sales@example.com', 'New lead', $_POST['message'], 'From: ' . $_POST['name'] . ' <' . $_POST['email'] . '>');
}

function contactSafely()
{
    $email = filter_var($_POST['email'] ?? '', FILTER_VALIDATE_EMAIL);
    // ok: php-mail-header-injection
    $subject = str_replace(["\r", "\n"], ' ', $_POST['subject'] ?? '');
    // ok: php-mail-header-injection
    $headers = "From: noreply@example.com\r\nReply-To: " . $email . "\r\n";
    // ok: php-mail-header-injection
    mail('support@example.com', $subject, $_POST['message'] ?? '', $headers);
    // ok: php-mail-header-injection
    mail('support@example.com', 'Contact form', $_POST['message'], 'From: noreply@example.com');
    // ok: php-mail-header-injection
    $greeting = "Dear " . $_POST['name'] . ",";
}
