-- dim_staff carries the manager of the staff member's department.
ALTER TABLE dim_staff ADD COLUMN department_manager text;
