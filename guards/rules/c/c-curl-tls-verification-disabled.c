#include <curl/curl.h>

int fetch(const char *url, int insecure)
{
    CURL *curl = curl_easy_init();
    if (curl == NULL)
        return -1;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    // ruleid: c-curl-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    // ruleid: c-curl-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0);
    if (insecure)
        // ruleid: c-curl-tls-verification-disabled
        curl_easy_setopt(curl, CURLOPT_PROXY_SSL_VERIFYPEER, FALSE);
    // ok: c-curl-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    // ok: c-curl-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    // ok: c-curl-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_CAINFO, "/etc/app/ca.pem");
    // ok: c-curl-tls-verification-disabled
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? 0 : -1;
}
