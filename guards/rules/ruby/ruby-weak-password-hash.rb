require "digest"

class User < ApplicationRecord
  def self.authenticate(email, password)
    user = find_by(email: email)
    # ruleid: ruby-weak-password-hash
    user if user && user.password_hash == Digest::SHA256.hexdigest(password + user.salt)
  end

  def password=(new_password)
    # ruleid: ruby-weak-password-hash
    self.password_hash = Digest::MD5.hexdigest(new_password)
  end

  def self.register(params)
    # ruleid: ruby-weak-password-hash
    create!(email: params[:email], password_digest: Digest::SHA1.hexdigest(params[:password]))
  end

  def legacy_check(pwd)
    # ruleid: ruby-weak-password-hash
    OpenSSL::Digest.hexdigest("SHA512", pwd) == legacy_hash
  end
end

class SecureUser < ApplicationRecord
  has_secure_password

  def self.login(email, password)
    # ok: ruby-weak-password-hash
    find_by(email: email)&.authenticate(password)
  end

  def self.hash_password(password)
    # ok: ruby-weak-password-hash
    BCrypt::Password.create(password, cost: 12)
  end

  def reset_token_digest(token)
    # ok: ruby-weak-password-hash
    Digest::SHA256.hexdigest(token)
  end

  def avatar_url
    # ok: ruby-weak-password-hash
    "https://www.gravatar.com/avatar/#{Digest::MD5.hexdigest(email.downcase)}"
  end
end
