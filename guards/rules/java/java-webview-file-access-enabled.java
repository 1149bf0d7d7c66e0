package com.example.app;

import android.app.Activity;
import android.os.Bundle;
import android.webkit.WebSettings;
import android.webkit.WebView;

public class HelpActivity extends Activity {
    private WebView webView;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        webView = new WebView(this);
        WebSettings settings = webView.getSettings();
        // ok: java-webview-file-access-enabled
        settings.setJavaScriptEnabled(true);
        // ruleid: java-webview-file-access-enabled
        settings.setAllowFileAccess(true);
        // ruleid: java-webview-file-access-enabled
        settings.setAllowFileAccessFromFileURLs(true);
        // ruleid: java-webview-file-access-enabled
        settings.setAllowUniversalAccessFromFileURLs(true);
        setContentView(webView);
    }

    protected void harden() {
        WebSettings settings = webView.getSettings();
        // ok: java-webview-file-access-enabled
        settings.setAllowFileAccess(false);
        // ok: java-webview-file-access-enabled
        settings.setAllowContentAccess(false);
        // ok: java-webview-file-access-enabled
        settings.setDomStorageEnabled(true);
    }
}
