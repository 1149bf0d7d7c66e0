class ReportsController < ApplicationController
  REPORTS = { "sales" => SalesReport, "stock" => StockReport }.freeze
  SORTS = %w[name price created_at].freeze

  def export
    # ruleid: ruby-reflection-from-params
    report = "#{params[:type].camelize}Report".constantize.new(current_user)

    # ruleid: ruby-reflection-from-params
    model = params[:model].classify.safe_constantize

    # ruleid: ruby-reflection-from-params
    klass = Object.const_get(params[:class_name])

    # ruleid: ruby-reflection-from-params
    value = @product.send(params[:attribute])

    # ruleid: ruby-reflection-from-params
    current_user.public_send("#{params[:field]}=", params[:value])

    send_data [report, model, klass, value].join(",")
  end

  def export_safely
    # ok: ruby-reflection-from-params
    report = REPORTS.fetch(params[:type]) { raise ActionController::BadRequest }.new(current_user)

    # ok: ruby-reflection-from-params
    column = SORTS.include?(params[:sort]) ? params[:sort] : "name"

    # ok: ruby-reflection-from-params
    handler = "#{self.class.name.demodulize}Handler".constantize

    # ok: ruby-reflection-from-params
    @product.send(:touch)

    # ok: ruby-reflection-from-params
    mail = UserMailer.with(user: current_user).send(:welcome_email)

    send_data [report, column, handler, mail].join(",")
  end
end
