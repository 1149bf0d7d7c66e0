package com.example.http;

import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.ssl.SSLContextBuilder;

public class InsecureClients {
    public SSLContext trustAll() throws Exception {
        TrustManager[] managers = {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            // ruleid: java-tls-validation-disabled
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // trust everything
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, managers, new SecureRandom());
        // ruleid: java-tls-validation-disabled
        HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true);
        return ctx;
    }

    static class AnyHost implements HostnameVerifier {
        // ruleid: java-tls-validation-disabled
        public boolean verify(String hostname, SSLSession session) {
            return true;
        }
    }

    public CloseableHttpClient apache() throws Exception {
        return HttpClients.custom()
            // ruleid: java-tls-validation-disabled
            .setSSLContext(new SSLContextBuilder().loadTrustMaterial(null, (chain, authType) -> true).build())
            // ruleid: java-tls-validation-disabled
            .setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE)
            .build();
    }

    public OkHttpClient okhttp() {
        return new OkHttpClient.Builder()
            // ruleid: java-tls-validation-disabled
            .hostnameVerifier((host, session) -> true)
            .build();
    }

    static class PinnedTrustManager implements X509TrustManager {
        private final X509TrustManager delegate;

        PinnedTrustManager(X509TrustManager delegate) {
            this.delegate = delegate;
        }

        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        // ok: java-tls-validation-disabled
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    public OkHttpClient pinned() {
        return new OkHttpClient.Builder()
            // ok: java-tls-validation-disabled
            .hostnameVerifier((host, session) -> host.equals("api.example.com") && HttpsURLConnection.getDefaultHostnameVerifier().verify(host, session))
            .build();
    }

    static class StrictVerifier implements HostnameVerifier {
        // ok: java-tls-validation-disabled
        public boolean verify(String hostname, SSLSession session) {
            return "internal.example.com".equals(hostname);
        }
    }

    public SSLContext defaults() throws Exception {
        // ok: java-tls-validation-disabled
        return SSLContext.getDefault();
    }
}
