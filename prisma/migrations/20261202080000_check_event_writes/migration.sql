-- The statement that records a webhook event carries the event's writes and now commits in the same
-- round trip, so its checks run in the database: a failed check aborts the transaction before COMMIT.
-- `recorded` is how many rows the statement's own write returned: none means the event is already
-- recorded (SQLSTATE TSDUP). Each other write must touch exactly the rows it promised (SQLSTATE TSROW).
-- Prisma's migration runner splits scripts at every semicolon, even inside quotes, so the body is an
-- escape string that writes its semicolons as \073.
CREATE FUNCTION tessera_check_event_writes(recorded bigint, names text[], touched bigint[], expected bigint[])
RETURNS boolean
LANGUAGE plpgsql
AS E'
BEGIN
  IF recorded = 0 THEN
    RAISE EXCEPTION ''The event is already recorded'' USING ERRCODE = ''TSDUP''\073
  END IF\073
  FOR i IN 1 .. coalesce(array_length(names, 1), 0) LOOP
    IF touched[i] IS DISTINCT FROM expected[i] THEN
      RAISE EXCEPTION ''Write % touched % row(s), expected %'', names[i], touched[i], expected[i] USING ERRCODE = ''TSROW''\073
    END IF\073
  END LOOP\073
  RETURN true\073
END
';
