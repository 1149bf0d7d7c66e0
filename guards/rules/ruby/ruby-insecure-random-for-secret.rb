class PasswordResetsController < ApplicationController
  CHARS = [*"a".."z", *"A".."Z", *"0".."9"].freeze

  def create
    user = User.find_by!(email: params[:email])
    # ruleid: ruby-insecure-random-for-secret
    user.reset_token = rand(36**24).to_s(36)
    # ruleid: ruby-insecure-random-for-secret
    @otp = Random.new.rand(100_000..999_999)
    # ruleid: ruby-insecure-random-for-secret
    session[:csrf_token] = Array.new(32) { CHARS.sample }.join
    # ruleid: ruby-insecure-random-for-secret
    user.update!(api_key: CHARS.shuffle.first(40).join)
    user.save!
  end

  # ruleid: ruby-insecure-random-for-secret
  def generate_password(length = 12)
    Array.new(length) { CHARS[rand(CHARS.size)] }.join
  end

  def create_safely
    user = User.find_by!(email: params[:email])
    # ok: ruby-insecure-random-for-secret
    user.reset_token = SecureRandom.urlsafe_base64(32)
    # ok: ruby-insecure-random-for-secret
    @otp = SecureRandom.random_number(100_000..999_999)
    # ok: ruby-insecure-random-for-secret
    session[:csrf_token] = Array.new(32) { CHARS.sample(random: SecureRandom) }.join
    # ok: ruby-insecure-random-for-secret
    retry_delay = rand(1..5)
    # ok: ruby-insecure-random-for-secret
    user.token_expires_at = 2.hours.from_now
    user.save!
    retry_delay
  end

  # ok: ruby-insecure-random-for-secret
  def verify_otp(code)
    sleep(rand * 0.2)
    ActiveSupport::SecurityUtils.secure_compare(session[:otp].to_s, code.to_s)
  end
end
