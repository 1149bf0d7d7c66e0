class PaymentsController < ApplicationController
  # ruleid: ruby-csrf-protection-disabled
  skip_before_action :verify_authenticity_token

  def create
    current_user.payments.create!(payment_params)
  end
end

class WebhooksController < ApplicationController
  # ruleid: ruby-csrf-protection-disabled
  skip_before_action :verify_authenticity_token, only: [:stripe, :github]
end

class ProfilesController < ApplicationController
  # ruleid: ruby-csrf-protection-disabled
  protect_from_forgery with: :null_session
end

class LegacyController < ApplicationController
  # ruleid: ruby-csrf-protection-disabled
  skip_forgery_protection
end

class SafePaymentsController < ApplicationController
  # ok: ruby-csrf-protection-disabled
  protect_from_forgery with: :exception
  # ok: ruby-csrf-protection-disabled
  before_action :authenticate_user!
  # ok: ruby-csrf-protection-disabled
  skip_before_action :authenticate_user!, only: [:index]
end

Rails.application.configure do
  # ruleid: ruby-csrf-protection-disabled
  config.action_controller.allow_forgery_protection = false
  # ok: ruby-csrf-protection-disabled
  config.action_controller.default_protect_from_forgery = true
end
