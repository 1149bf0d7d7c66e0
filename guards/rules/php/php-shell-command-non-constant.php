<?php
function thumbnail(string $src, string $dst, int $size)
{
    $host = $_GET['host'];
    // ruleid: php-shell-command-non-constant
    echo shell_exec("ping -c 1 " . $host);

    // ruleid: php-shell-command-non-constant
    system("convert $src -resize {$size}x{$size} $dst", $status);

    // ruleid: php-shell-command-non-constant
    exec('tar -czf /backups/' . $_POST['name'] . '.tgz /var/www', $out, $rc);

    // ruleid: php-shell-command-non-constant
    $listing = `ls -la {$_GET['dir']}`;

    // ruleid: php-shell-command-non-constant
    $fp = popen("grep -r " . $_REQUEST['term'] . " /var/log", "r");

    $cmd = "git log --author=" . $_GET['author'];
    // ruleid: php-shell-command-non-constant
    passthru($cmd);

    // ruleid: php-shell-command-non-constant
    $process = Process::fromShellCommandline("ffmpeg -i $src $dst");

    return [$status, $listing, $fp, $process];
}

function thumbnailSafely(string $src, string $dst, int $size)
{
    // ok: php-shell-command-non-constant
    system('uptime', $retval);

    // ok: php-shell-command-non-constant
    $out = shell_exec('ping -c 1 ' . escapeshellarg($_GET['host']));

    // ok: php-shell-command-non-constant
    exec("convert " . escapeshellarg($src) . " -resize " . (int)$size . " " . escapeshellarg($dst));

    // ok: php-shell-command-non-constant
    $user = `whoami`;

    // ok: php-shell-command-non-constant
    $proc = proc_open(['ffmpeg', '-i', $src, $dst], [1 => ['pipe', 'w']], $pipes);

    // ok: php-shell-command-non-constant
    $process = new Process(['git', 'log', '--author', $_GET['author']]);

    // ok: php-shell-command-non-constant
    $stmt = $pdo->exec("DELETE FROM jobs WHERE done = 1");

    return [$retval, $out, $user, $proc, $process, $stmt];
}
