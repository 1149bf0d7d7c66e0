<?php
$now = date('Y-m-d H:i:s');
$db->insert('users', [
    'acronym' => 'admin',
    // ruleid: php-hard-coded-password-hashed
    'password' => password_hash('admin', PASSWORD_DEFAULT),
    'created' => $now,
]);
// ruleid: php-hard-coded-password-hashed
$pwd1 = password_hash('1' . 'admin', PASSWORD_DEFAULT);
// ruleid: php-hard-coded-password-hashed
$pwd2 = password_hash("TheToolman", PASSWORD_BCRYPT);

class UserSeeder
{
    public function run(): void
    {
        User::create([
            'email' => 'admin@example.com',
            // ruleid: php-hard-coded-password-hashed
            'password' => Hash::make('secret'),
        ]);
        // ruleid: php-hard-coded-password-hashed
        $other = bcrypt('password123');
    }
}

function register(string $password, array $values): string
{
    // ok: php-hard-coded-password-hashed
    $hash = password_hash($password, PASSWORD_DEFAULT);
    // ok: php-hard-coded-password-hashed
    $admin = password_hash($values['password'], PASSWORD_DEFAULT);
    // ok: php-hard-coded-password-hashed
    $quoted = password_hash("$password", PASSWORD_DEFAULT);
    // ok: php-hard-coded-password-hashed
    $initial = Hash::make(getenv('ADMIN_INITIAL_PASSWORD'));
    // ok: php-hard-coded-password-hashed
    $random = password_hash(bin2hex(random_bytes(16)), PASSWORD_DEFAULT);
    // ok: php-hard-coded-password-hashed
    $salted = password_hash('1' . $password, PASSWORD_DEFAULT);
    // ok: php-hard-coded-password-hashed
    $empty = password_hash('', PASSWORD_DEFAULT);
    return $hash;
}
