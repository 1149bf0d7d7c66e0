<?php
function findUser(mysqli $conn, PDO $pdo, $wpdb, $id)
{
    $email = $_POST['email'];
    // ruleid: php-sql-built-by-concatenation
    $result = mysqli_query($conn, "SELECT id, name FROM users WHERE email = '$email'");

    // ruleid: php-sql-built-by-concatenation
    $rows = $pdo->query("SELECT * FROM orders WHERE user_id = " . $_GET['uid']);

    $sql = "DELETE FROM sessions WHERE token = '" . $_COOKIE['sid'] . "'";
    // ruleid: php-sql-built-by-concatenation
    $pdo->exec($sql);

    // ruleid: php-sql-built-by-concatenation
    $posts = $wpdb->get_results("SELECT * FROM {$wpdb->posts} WHERE post_author = {$_GET['author']}");

    // ruleid: php-sql-built-by-concatenation
    $stmt = $pdo->prepare("SELECT * FROM products WHERE name LIKE '%" . $_GET['q'] . "%'");

    $query = sprintf("UPDATE users SET bio = '%s' WHERE id = %d", $_POST['bio'], $id);
    // ruleid: php-sql-built-by-concatenation
    $conn->query($query);

    // ruleid: php-sql-built-by-concatenation
    $legacy = mysql_query("SELECT * FROM news WHERE id = $id");

    // ruleid: php-sql-built-by-concatenation
    $users = DB::select("SELECT * FROM users WHERE role = '" . $request->input('role') . "'");

    // ruleid: php-sql-built-by-concatenation
    $sorted = User::query()->orderByRaw($request->input('sort') . ' DESC')->get();

    return $rows;
}

function findUserSafely(mysqli $conn, PDO $pdo, $wpdb, $id, $ssh)
{
    // ok: php-sql-built-by-concatenation
    $stmt = $pdo->prepare('SELECT id, name FROM users WHERE email = ?');
    $stmt->execute([$_POST['email']]);

    // ok: php-sql-built-by-concatenation
    $stmt = mysqli_prepare($conn, "SELECT * FROM orders WHERE user_id = ?");
    mysqli_stmt_bind_param($stmt, "i", $id);

    // ok: php-sql-built-by-concatenation
    $row = $wpdb->get_row($wpdb->prepare("SELECT * FROM {$wpdb->prefix}orders WHERE id = %d", $id));

    $table_name = $wpdb->prefix . 'subscribers';
    // ok: php-sql-built-by-concatenation
    $all = $wpdb->get_results("SELECT * FROM $table_name ORDER BY created_at DESC");

    // ok: php-sql-built-by-concatenation
    $count = $pdo->query("SELECT COUNT(*) FROM users")->fetchColumn();

    // ok: php-sql-built-by-concatenation
    $one = $pdo->query("SELECT * FROM users WHERE id = " . (int)$_GET['id']);

    // ok: php-sql-built-by-concatenation
    $out = $ssh->exec("ls -la " . $dir);

    // ok: php-sql-built-by-concatenation
    $users = DB::select('SELECT * FROM users WHERE role = ?', [$request->input('role')]);

    // ok: php-sql-built-by-concatenation
    $page = $request->query('page');

    return [$row, $all, $count, $one, $out, $users, $page];
}
