require "net/http"

class PaymentsClient
  def post_charge(uri, body)
    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = true
    # ruleid: ruby-tls-verification-disabled
    http.verify_mode = OpenSSL::SSL::VERIFY_NONE
    http.post(uri.path, body.to_json, "Content-Type" => "application/json")
  end

  def faraday
    # ruleid: ruby-tls-verification-disabled
    Faraday.new(url: "https://api.example.com", ssl: { verify: false })
  end

  def fetch_report(url)
    # ruleid: ruby-tls-verification-disabled
    HTTParty.get(url, verify: false, timeout: 10)
  end

  def legacy(url)
    # ruleid: ruby-tls-verification-disabled
    RestClient::Request.execute(method: :get, url: url, verify_ssl: OpenSSL::SSL::VERIFY_NONE)
  end

  def configure_excon
    # ruleid: ruby-tls-verification-disabled
    Excon.defaults[:ssl_verify_peer] = false
  end

  def post_charge_safely(uri, body)
    http = Net::HTTP.new(uri.host, uri.port)
    http.use_ssl = true
    # ok: ruby-tls-verification-disabled
    http.verify_mode = OpenSSL::SSL::VERIFY_PEER
    # ok: ruby-tls-verification-disabled
    http.ca_file = "/etc/ssl/certs/internal-ca.pem"
    http.post(uri.path, body.to_json, "Content-Type" => "application/json")
  end

  def faraday_safely
    # ok: ruby-tls-verification-disabled
    Faraday.new(url: "https://api.example.com", ssl: { verify: true, ca_file: "/etc/ssl/certs/internal-ca.pem" })
  end

  def fetch_report_safely(url)
    # ok: ruby-tls-verification-disabled
    HTTParty.get(url, timeout: 10, follow_redirects: false)
  end
end
