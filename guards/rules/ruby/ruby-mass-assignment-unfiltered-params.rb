class UsersController < ApplicationController
  def create
    # ruleid: ruby-mass-assignment-unfiltered-params
    @user = User.create(params.require(:user).permit!)
    redirect_to @user
  end

  def update
    @user = User.find(params[:id])
    # ruleid: ruby-mass-assignment-unfiltered-params
    @user.update(params[:user])
    redirect_to @user
  end

  def import
    # ruleid: ruby-mass-assignment-unfiltered-params
    attrs = params.to_unsafe_h
    # ruleid: ruby-mass-assignment-unfiltered-params
    Profile.new(params.require(:profile)).save!
    render json: attrs
  end

  private

  def account_params
    # ruleid: ruby-mass-assignment-unfiltered-params
    params.permit!
  end
end

class SafeUsersController < ApplicationController
  def create
    # ok: ruby-mass-assignment-unfiltered-params
    @user = User.create(user_params)
    redirect_to @user
  end

  def update
    @user = User.find(params[:id])
    # ok: ruby-mass-assignment-unfiltered-params
    @user.update(params.require(:user).permit(:name, :email))
    redirect_to @user
  end

  def show
    # ok: ruby-mass-assignment-unfiltered-params
    @user = User.find_by(id: params[:id])
  end

  private

  def user_params
    # ok: ruby-mass-assignment-unfiltered-params
    params.require(:user).permit(:name, :email, :password, :password_confirmation)
  end
end

Rails.application.configure do
  # ruleid: ruby-mass-assignment-unfiltered-params
  config.action_controller.permit_all_parameters = true
  # ok: ruby-mass-assignment-unfiltered-params
  config.action_controller.action_on_unpermitted_parameters = :raise
end
