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
    header('Location:' . urldecode($_POST['return_to']));

    // ruleid: php-open-redirect
    header('Location: ' . filter_input(INPUT_GET, 'next', FILTER_SANITIZE_URL));

    // ruleid: php-open-redirect
    header('Location: ' . (isset($_GET['r']) ? $_GET['r'] : 'index.php'));

    // ruleid: php-open-redirect
    header('Location: ' . trim($_POST['next'] ?? '/') . '#top');

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
    header('Location: ' . get_permalink(get_option('account_page')) . '?slug=' . $_GET['name']);

    // ok: php-open-redirect
    header('Location: ' . ($pages[$_GET['next'] ?? 'home'] ?? '/'));

    // ok: php-open-redirect
    header('Location: ' . (in_array($_GET['next'], $allowed, true) ? $_GET['next'] : '/'));

    // ok: php-open-redirect
    header('Location: ' . urlencode($_GET['next']) . '.html');

    // ok: php-open-redirect
    header('Location: ' . OTP::generate($this->settings['key'], $_GET['name']));

    // ok: php-open-redirect
    header('Location: ../Admin/' . $_POST['return'] . '&MemberSearchID=' . $id);

    // ok: php-open-redirect
    return redirect()->route('profile', ['id' => $request->input('id')]);
}
