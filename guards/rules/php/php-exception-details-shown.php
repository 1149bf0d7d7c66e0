<?php
try {
    $pdo = new PDO($dsn, $user, $pass, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
} catch (PDOException $e) {
    // ruleid: php-exception-details-shown
    die('Connection failed: ' . $e->getMessage());
}

$conn = new mysqli($host, $user, $pass, $db);
if ($conn->connect_error) {
    // ruleid: php-exception-details-shown
    die("Connection failed: " . $conn->connect_error);
}

if (!$conn->query($sql)) {
    // ruleid: php-exception-details-shown
    echo "Error: " . $sql . "<br>" . $conn->error;
}

try {
    $service->run();
} catch (Exception $ex) {
    // ruleid: php-exception-details-shown
    echo '<pre>' . $ex->getTraceAsString() . '</pre>';
    // ruleid: php-exception-details-shown
    var_dump($ex);
}

try {
    $pdo = new PDO($dsn, $user, $pass);
} catch (PDOException $e) {
    // ok: php-exception-details-shown
    error_log('DB connection failed: ' . $e->getMessage());
    // ok: php-exception-details-shown
    http_response_code(500);
    // ok: php-exception-details-shown
    exit('Service temporarily unavailable.');
}

if ($conn->connect_error) {
    // ok: php-exception-details-shown
    $logger->error('mysqli connect failed', ['error' => $conn->connect_error]);
    // ok: php-exception-details-shown
    echo 'Database unavailable';
}
