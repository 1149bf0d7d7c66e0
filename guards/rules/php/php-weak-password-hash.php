<?php
function register(PDO $pdo, array $data, $user)
{
    // ruleid: php-weak-password-hash
    $hash = md5($_POST['password']);

    $password = $data['password'];
    $salt = bin2hex(random_bytes(8));
    // ruleid: php-weak-password-hash
    $stored = sha1($salt . $password);

    // ruleid: php-weak-password-hash
    $digest = hash('sha256', $password);

    // ruleid: php-weak-password-hash
    if (md5($pwd) === $user->password) {
        return true;
    }

    // ruleid: php-weak-password-hash
    $legacy = crypt($password, '$1$rasmusle$');

    // ruleid: php-weak-password-hash
    $encoded = base64_encode($user->password);

    // ruleid: php-weak-password-hash
    $user->setPwsHash(md5($_POST['password2']));

    // ruleid: php-weak-password-hash
    $new = sha1($_POST['new_password']);

    // ruleid: php-weak-password-hash
    $ci = md5($this->input->post('password'));

    // ruleid: php-weak-password-hash
    $viaGetter = hash('sha256', $user->getPassword());

    return [$hash, $stored, $digest, $legacy, $encoded, $new, $ci, $viaGetter];
}

function registerSafely(PDO $pdo, array $data, $user)
{
    // ok: php-weak-password-hash
    $hash = password_hash($_POST['password'], PASSWORD_DEFAULT);

    // ok: php-weak-password-hash
    $valid = password_verify($data['password'], $user->password_hash);

    // ok: php-weak-password-hash
    $etag = md5(json_encode($data['items']));

    // ok: php-weak-password-hash
    $tokenHash = hash('sha256', $resetToken);

    // ok: php-weak-password-hash
    $resetHash = hash('sha256', $_POST['password_reset_token']);

    // ok: php-weak-password-hash
    $bcrypt = crypt($data['password'], '$2y$12$' . bin2hex(random_bytes(11)));

    // ok: php-weak-password-hash
    $avatar = 'https://www.gravatar.com/avatar/' . md5(strtolower(trim($data['email'])));

    return [$hash, $valid, $etag, $tokenHash, $bcrypt, $avatar];
}
