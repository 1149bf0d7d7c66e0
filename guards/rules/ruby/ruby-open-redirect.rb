class SessionsController < ApplicationController
  def create
    user = User.authenticate(params[:email], params[:password])
    session[:user_id] = user.id
    # ruleid: ruby-open-redirect
    redirect_to params[:return_to] || root_path
  end

  def switch_locale
    # ruleid: ruby-open-redirect
    redirect_to "#{params[:next]}?locale=#{params[:locale]}", allow_other_host: true
  end

  def callback
    # ruleid: ruby-open-redirect
    redirect_back(fallback_location: params[:back])
  end

  def destroy
    reset_session
    # ruleid: ruby-open-redirect
    redirect_to(params.fetch(:redirect_uri))
  end
end

class SafeSessionsController < ApplicationController
  def create
    target = params[:return_to].to_s
    # ok: ruby-open-redirect
    redirect_to(target.start_with?("/") && !target.start_with?("//") ? target : root_path)
  end

  def show
    # ok: ruby-open-redirect
    redirect_to user_path(params[:id])
  end

  def switch_locale
    # ok: ruby-open-redirect
    redirect_to params[:next], allow_other_host: false
  end

  def destroy
    # ok: ruby-open-redirect
    redirect_back(fallback_location: root_path)
  end
end
