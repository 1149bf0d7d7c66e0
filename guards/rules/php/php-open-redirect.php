<?php
function afterLogin(Request $request)
{
    // ruleid: php-open-redirect
    header('Location: ' . $_GET['next']);

    // ruleid: php-open-redirect
    header("Location: " . $_SERVER['HTTP_REFERER']);

    // ruleid: php-open-redirect
    header("Location: {$_REQUEST['redirect']}", true, 302);

    // ruleid: php-open-redirect
    wp_redirect($_GET['redirect_to']);

    // ruleid: php-open-redirect
    return redirect()->away($request->input('url'));
}

function afterLoginSafely(Request $request, int $id)
{
    // ok: php-open-redirect
    header('Location: /dashboard.php');

    // ok: php-open-redirect
    header("Location: /users/profile.php?id=$id");

    // ok: php-open-redirect
    header('Location: ' . BASE_URL . '/login.php');

    // ok: php-open-redirect
    header('Location: ' . $_SERVER['PHP_SELF']);

    // ok: php-open-redirect
    header('Content-Type: ' . $_GET['type']);

    // ok: php-open-redirect
    header('Location: /search.php?q=' . urlencode($_GET['q']));

    // ok: php-open-redirect
    wp_safe_redirect($_GET['redirect_to']);

    // ok: php-open-redirect
    return redirect()->route('profile', ['id' => $request->input('id')]);
}
