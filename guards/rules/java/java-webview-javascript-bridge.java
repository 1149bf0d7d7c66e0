package com.example.app;

import android.app.Activity;
import android.os.Bundle;
import android.webkit.JavascriptInterface;
import android.webkit.WebView;

public class BrowserActivity extends Activity {
    private WebView webView;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        webView = new WebView(this);
        webView.getSettings().setJavaScriptEnabled(true);
        // ruleid: java-webview-javascript-bridge
        webView.addJavascriptInterface(new AccountBridge(), "Android");
        webView.loadUrl(getIntent().getStringExtra("url"));
    }

    protected void openPromo(String url) {
        WebView promo = new WebView(this);
        promo.getSettings().setJavaScriptEnabled(true);
        if (url != null) {
            // ruleid: java-webview-javascript-bridge
            promo.addJavascriptInterface(new AccountBridge(), "Bridge");
            promo.loadUrl(url);
        }
    }

    protected void offline() {
        WebView local = new WebView(this);
        // ok: java-webview-javascript-bridge
        local.addJavascriptInterface(new AccountBridge(), "Android");
        local.loadUrl("file:///android_asset/help.html");
    }

    protected void cleanup() {
        // ok: java-webview-javascript-bridge
        webView.removeJavascriptInterface("Android");
        // ok: java-webview-javascript-bridge
        webView.getSettings().setJavaScriptEnabled(false);
    }

    static class AccountBridge {
        @JavascriptInterface
        public String token() {
            return "";
        }
    }
}
