<?php

// The Hyde application for this folder: its pages, its config and the console kernel that
// runs `php hyde <command>`.
$hyde = new Hyde\Foundation\HydeKernel(dirname(__DIR__));
Hyde\Foundation\HydeKernel::setInstance($hyde);

$app = new Hyde\Foundation\Application(dirname(__DIR__));
$app->singleton(Hyde\Foundation\HydeKernel::class, fn () => $hyde);
$app->singleton(Illuminate\Contracts\Console\Kernel::class, Hyde\Foundation\ConsoleKernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, Illuminate\Foundation\Exceptions\Handler::class);

return $app;
