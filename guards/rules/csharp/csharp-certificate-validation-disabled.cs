using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Clients
{
    public class InsecureClients
    {
        public HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                // ruleid: csharp-certificate-validation-disabled
                ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true
            };
            return new HttpClient(handler);
        }

        public void Global()
        {
            // ruleid: csharp-certificate-validation-disabled
            ServicePointManager.ServerCertificateValidationCallback += delegate { return true; };
        }

        public HttpClient Dangerous()
        {
            var handler = new HttpClientHandler();
            // ruleid: csharp-certificate-validation-disabled
            handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
            return new HttpClient(handler);
        }

        public SslStream Stream(TcpClient tcp)
        {
            // ruleid: csharp-certificate-validation-disabled
            return new SslStream(tcp.GetStream(), false, (sender, certificate, chain, errors) => true);
        }

        // ruleid: csharp-certificate-validation-disabled
        private static bool AcceptAll(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            return true;
        }

        public HttpClient Pinned(string thumbprint)
        {
            var handler = new HttpClientHandler
            {
                // ok: csharp-certificate-validation-disabled
                ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == SslPolicyErrors.None || cert?.GetCertHashString() == thumbprint
            };
            return new HttpClient(handler);
        }

        // ok: csharp-certificate-validation-disabled
        private static bool Validate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            return errors == SslPolicyErrors.None;
        }

        public HttpClient Default()
        {
            // ok: csharp-certificate-validation-disabled
            return new HttpClient(new HttpClientHandler());
        }
    }
}
