class CalculatorController < ApplicationController
  OPERATIONS = { "add" => ->(a, b) { a + b }, "sub" => ->(a, b) { a - b } }.freeze

  def calculate
    # ruleid: ruby-eval-non-constant
    result = eval(params[:expression])

    formula = "#{params[:a]} * #{params[:rate]}"
    # ruleid: ruby-eval-non-constant
    total = Kernel.eval(formula)

    # ruleid: ruby-eval-non-constant
    report.instance_eval("self.#{params[:field]} = #{params[:value].inspect}")

    # ruleid: ruby-eval-non-constant
    Widget.class_eval("def #{params[:name]}; #{params[:body]}; end")

    # ruleid: ruby-eval-non-constant
    binding.eval(code_snippet)

    render json: { result: result, total: total }
  end

  def calculate_safely
    op = OPERATIONS.fetch(params[:op]) { return head(:bad_request) }
    # ok: ruby-eval-non-constant
    result = op.call(params[:a].to_f, params[:b].to_f)

    # ok: ruby-eval-non-constant
    config.instance_eval(&block)

    # ok: ruby-eval-non-constant
    Widget.class_eval do
      attr_accessor :label
    end

    # ok: ruby-eval-non-constant
    version = eval("1 + 1")

    # ok: ruby-eval-non-constant
    data = JSON.parse(params[:payload])

    render json: { result: result, version: version, data: data }
  end
end
