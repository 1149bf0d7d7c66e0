<?php
$page = $_GET['page'] ?? 'home';
// ruleid: php-include-from-variable-path
include 'pages/' . $page . '.php';

// ruleid: php-include-from-variable-path
include $_GET['module'];

// ruleid: php-include-from-variable-path
require_once("lang/" . $_COOKIE['lang'] . ".php");

$theme = $settings['theme'];
// ruleid: php-include-from-variable-path
include_once "themes/{$theme}/header.php";

// ruleid: php-include-from-variable-path
require(APP_PATH . '/controllers/' . $_REQUEST['controller'] . '.php');

function render($view, array $data)
{
    extract($data);
    // ruleid: php-include-from-variable-path
    include $view . '.tpl.php';
}

// ok: php-include-from-variable-path
require_once __DIR__ . '/vendor/autoload.php';

// ok: php-include-from-variable-path
require dirname(__FILE__) . '/config.php';

// ok: php-include-from-variable-path
include 'partials/footer.php';

// ok: php-include-from-variable-path
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

// ok: php-include-from-variable-path
require_once plugin_dir_path(__FILE__) . 'includes/class-loader.php';

spl_autoload_register(function ($class) {
    $baseDir = __DIR__ . '/src/';
    // ok: php-include-from-variable-path
    require $baseDir . str_replace('\\', '/', $class) . '.php';
});

$pages = ['home' => 'home.php', 'about' => 'about.php'];
$file = $pages[$page] ?? 'home.php';
// ok: php-include-from-variable-path
include __DIR__ . '/pages/' . $file;
