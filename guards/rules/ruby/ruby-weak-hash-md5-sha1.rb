require "digest"
require "openssl"

class Fingerprints
  def signature(payload, secret)
    # ruleid: ruby-weak-hash-md5-sha1
    Digest::MD5.hexdigest(payload + secret)
  end

  def file_checksum(path)
    # ruleid: ruby-weak-hash-md5-sha1
    Digest::SHA1.file(path).hexdigest
  end

  def token_for(user)
    # ruleid: ruby-weak-hash-md5-sha1
    OpenSSL::Digest::SHA1.hexdigest("#{user.id}-#{user.email}-#{Time.now.to_i}")
  end

  def digest_object
    # ruleid: ruby-weak-hash-md5-sha1
    OpenSSL::Digest.new("md5")
  end

  def signature_safely(payload, secret)
    # ok: ruby-weak-hash-md5-sha1
    OpenSSL::HMAC.hexdigest("SHA256", secret, payload)
  end

  def file_checksum_safely(path)
    # ok: ruby-weak-hash-md5-sha1
    Digest::SHA256.file(path).hexdigest
  end

  def digest_object_safely
    # ok: ruby-weak-hash-md5-sha1
    OpenSSL::Digest.new("SHA256")
  end
end

module AvatarHelper
  def gravatar_url(user)
    # ok: ruby-weak-hash-md5-sha1
    "https://www.gravatar.com/avatar/#{Digest::MD5.hexdigest(user.email.strip.downcase)}?s=80"
  end
end
