<?php
echo "<!doctype html><title>Site</title><link rel=stylesheet href=site.css><h1>Rendered at build time</h1>\n";
