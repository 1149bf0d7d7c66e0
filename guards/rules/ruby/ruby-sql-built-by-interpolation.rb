class UsersController < ApplicationController
  SORTABLE = { "name" => :name, "created" => :created_at }.freeze

  def index
    # ruleid: ruby-sql-built-by-interpolation
    @users = User.where("name LIKE '%#{params[:q]}%'")

    # ruleid: ruby-sql-built-by-interpolation
    @admins = User.where("role = '" + params[:role] + "' AND active = 1")

    # ruleid: ruby-sql-built-by-interpolation
    @sorted = User.order("#{params[:sort]} #{params[:dir]}")

    sql = "SELECT * FROM orders WHERE user_id = #{params[:user_id]}"
    # ruleid: ruby-sql-built-by-interpolation
    @orders = ActiveRecord::Base.connection.execute(sql)

    # ruleid: ruby-sql-built-by-interpolation
    @report = Order.find_by_sql("SELECT SUM(total) FROM orders WHERE created_at > '#{params[:since]}'")

    # ruleid: ruby-sql-built-by-interpolation
    User.where(id: params[:ids]).update_all("status = '#{params[:status]}'")

    # ruleid: ruby-sql-built-by-interpolation
    rows = conn.exec("SELECT * FROM accounts WHERE email = '#{email}'")

    rows
  end

  def index_safely
    # ok: ruby-sql-built-by-interpolation
    @users = User.where("name LIKE ?", "%#{User.sanitize_sql_like(params[:q].to_s)}%")

    # ok: ruby-sql-built-by-interpolation
    @admins = User.where(role: params[:role], active: true)

    # ok: ruby-sql-built-by-interpolation
    @sorted = User.order(SORTABLE.fetch(params[:sort], :created_at) => :desc)

    # ok: ruby-sql-built-by-interpolation
    @orders = Order.find_by_sql(["SELECT * FROM orders WHERE user_id = ?", params[:user_id]])

    # ok: ruby-sql-built-by-interpolation
    rows = conn.exec_params("SELECT * FROM accounts WHERE email = $1", [params[:email]])

    # ok: ruby-sql-built-by-interpolation
    @recent = Post.where("published_at > ?", 1.week.ago).order("published_at DESC")

    # ok: ruby-sql-built-by-interpolation
    @names = names.select { |n| n.start_with?(params[:prefix]) }

    rows
  end
end

def settings_for(env)
  # ok: ruby-sql-built-by-interpolation
  ENV.fetch("#{env.upcase}_DATABASE_URL")
end
