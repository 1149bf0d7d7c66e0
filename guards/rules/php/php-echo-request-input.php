<?php
// ruleid: php-echo-request-input
echo "<h2>Results for " . $_GET['q'] . "</h2>";

// ruleid: php-echo-request-input
echo "Welcome back, {$_POST['username']}!";

// ruleid: php-echo-request-input
print '<input type="text" name="email" value="' . $_REQUEST['email'] . '">';

// ruleid: php-echo-request-input
echo '<form action="', $_SERVER['PHP_SELF'], '" method="post">';

// ruleid: php-echo-request-input
printf('<p>Sorted by %s</p>', $_GET['sort']);

// ruleid: php-echo-request-input
die("Unknown action: " . $_GET['action']);

// ok: php-echo-request-input
echo '<h2>Results for ' . htmlspecialchars($_GET['q'] ?? '', ENT_QUOTES, 'UTF-8') . '</h2>';

// ok: php-echo-request-input
echo '<p>Page ' . (int)$_GET['page'] . '</p>';

// ok: php-echo-request-input
echo '<a href="?page=' . urlencode($_GET['page']) . '">next</a>';

// ok: php-echo-request-input
echo json_encode(['received' => $_POST['items']]);

// ok: php-echo-request-input
echo '<form action="' . esc_url($_SERVER['REQUEST_URI']) . '" method="post">';

// ok: php-echo-request-input
echo "Thank you for your message.";
?>
<?php /* ok: php-echo-request-input */ ?>
<p>Search: <?= htmlspecialchars($_GET['q'] ?? '') ?></p>
<?php /* ruleid: php-echo-request-input */ ?>
<p>You searched for <?= $_GET['q'] ?></p>
